/** What the gateway refused of a whole form (no one field named), announced as it appears. */
export function FormError({ message, class: className }: { message: string | undefined; class?: string }) {
  if (!message) return null
  return (
    <p role="alert" class={`text-sm text-red-800 ${className ?? ''}`}>
      {message}
    </p>
  )
}
