import { required, str } from '../context.js'
import type { Route } from '../router.js'
import type { Authenticator } from '../auth.js'

/** `POST /access/ticket`: password login or ticket renewal. */
export function accessRoutes(auth: Authenticator): Route[] {
  return [
    {
      endpoint: 'POST /access/ticket',
      handler: (ctx) => {
        const grant = auth.login(
          required(ctx.params, 'username'),
          required(ctx.params, 'password'),
          str(ctx.params, 'realm'),
        )
        return {
          ...grant,
          clustername: ctx.state.clusterName,
          cap: {
            vms: {
              'VM.PowerMgmt': 1,
              'VM.Config.Disk': 1,
              'VM.Clone': 1,
              'VM.Allocate': 1,
              'VM.Audit': 1,
              'VM.Console': 1,
            },
            storage: { 'Datastore.Allocate': 1, 'Datastore.AllocateSpace': 1, 'Datastore.Audit': 1 },
            nodes: { 'Sys.Audit': 1, 'Sys.PowerMgmt': 1, 'Sys.Modify': 1 },
            access: { 'User.Modify': 1, 'Permissions.Modify': 1 },
            dc: { 'Sys.Audit': 1, 'SDN.Audit': 1 },
          },
        }
      },
    },
  ]
}
