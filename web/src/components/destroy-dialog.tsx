import { ConfirmDialog } from './confirm-dialog.js'

/** Options of {@link DestroyDialog}. */
export interface DestroyDialogProps {
  server: { id: string; name: string }
  /** Called with the typed name once the person confirms. */
  onConfirm: (typedName: string) => void
  /** Called when the dialog closes without a destroy (Cancel, Escape). */
  onClose: () => void
}

/** Asks for a server's name before destroying it; Destroy stays disabled until it is typed exactly. */
export function DestroyDialog({ server, onConfirm, onClose }: DestroyDialogProps) {
  return (
    <ConfirmDialog
      title={`Destroy ${server.name}?`}
      confirmLabel="Destroy"
      typed={{ label: 'Server name', value: server.name }}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      This removes the server and its disks for good, stopping it first if it runs. Type its name,{' '}
      <strong class="font-mono">{server.name}</strong>, to confirm.
    </ConfirmDialog>
  )
}
