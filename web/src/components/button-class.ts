/** The look every action button shares; each adds its colours (e.g. `bg-green-700 text-white`). */
export const buttonClass = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50'
