import { actorOf } from '../auth/authenticate.js'
import { builder } from './builder.js'

/** Who a request acts as: what the dashboard shows after sign-in and uses to offer only allowed actions. */
interface CallerShape {
  name: string | null
  role: string
}

const Caller = builder.objectRef<CallerShape>('Caller').implement({
  description: 'Who is asking: the API token\'s name and role (open mode, with no token yet: no name, role "admin").',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    role: t.exposeString('role', { description: '"viewer", "operator" or "admin".' }),
  }),
})

builder.queryField('me', (t) =>
  t.field({
    type: Caller,
    authScopes: { viewer: true },
    description: "The caller: the token's name and role.",
    resolve: (_root, _args, { auth }) => {
      if (auth.kind === 'token') return { name: auth.token.name, role: auth.token.role }
      return { name: null, role: actorOf(auth).role ?? 'viewer' }
    },
  }),
)
