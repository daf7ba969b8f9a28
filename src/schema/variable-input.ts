import { builder } from './builder.js'

export const VariableInput = builder.inputType('VariableInput', {
  description:
    "One variable of a deployment's app environment. A secret is write-only: no query, log or error shows its value " +
    'again.',
  fields: (t) => ({
    key: t.string({ required: true, description: "[A-Z_][A-Z0-9_]*; PORT is Hangar's." }),
    value: t.string({
      required: true,
      description: 'Any characters but NUL (newlines and quotes reach the app unchanged); at most 32 KiB.',
    }),
    secret: t.boolean({ defaultValue: false }),
  }),
})
