import { TypedNameDialog } from './typed-name-dialog.js'

/** Options of {@link DestroyDialog}. */
export interface DestroyDialogProps {
  server: { id: string; name: string }
  /** Called with the typed name once the person confirms. */
  onConfirm: (typedName: string) => void
  /** Called when the dialog closes without a destroy (Cancel, Escape). */
  onClose: () => void
}

/** Asks for a server's name before destroying it (a {@link TypedNameDialog}). */
export function DestroyDialog({ server, onConfirm, onClose }: DestroyDialogProps) {
  return (
    <TypedNameDialog
      name={server.name}
      title={`Destroy ${server.name}?`}
      consequence="This removes the server and its disks for good, stopping it first if it runs."
      inputLabel="Server name"
      confirmLabel="Destroy"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  )
}
