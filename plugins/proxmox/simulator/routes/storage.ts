import { int, required, str } from '../context.js'
import type { RouteContext } from '../context.js'
import { guestDisks } from '../guest-config.js'
import { splitList } from '../named-formats.js'
import { storageUsed } from '../node-metrics.js'
import type { Route } from '../router.js'
import type { SimStorage } from '../state.js'

/** Guest disks that live on `storage`, as content items (`images` for VMs, `rootdir` for CTs). */
function diskVolumes(ctx: RouteContext, storage: SimStorage): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = []
  for (const guest of ctx.state.guests.values()) {
    if (guest.node !== storage.node && !storage.shared) continue
    for (const disk of guestDisks(guest.type, guest.config)) {
      if (!disk.volid.startsWith(`${storage.storage}:`)) continue
      // Linked clones name their disk `base-9000-disk-0/vm-123-disk-0`.
      const [parent, own] = disk.volid.slice(storage.storage.length + 1).split('/')
      const item: Record<string, unknown> = {
        volid: own ? `${storage.storage}:${own}` : disk.volid,
        content: guest.type === 'lxc' ? 'rootdir' : 'images',
        format: 'raw',
        size: disk.cdrom ? 4 * 1024 * 1024 : disk.size,
        vmid: guest.vmid,
      }
      if (own) item.parent = `${parent}@__base__`
      items.push(item)
    }
  }
  return items
}

/** `GET /nodes/{node}/storage` and `GET /nodes/{node}/storage/{storage}/content`. */
export const storageRoutes: Route[] = [
  {
    endpoint: 'GET /nodes/{node}/storage',
    handler: (ctx) => {
      const node = required(ctx.params, 'node')
      const content = str(ctx.params, 'content')
      const wanted = content ? splitList(content) : undefined
      const only = str(ctx.params, 'storage')
      // Every simulated storage is enabled and active, so `enabled=1` filters nothing.
      return ctx.state
        .nodeStorages(node)
        .filter((s) => !only || s.storage === only)
        .filter((s) => !wanted || wanted.some((c) => s.content.includes(c)))
        .map((s) => {
          const used = storageUsed(ctx.state, s)
          return {
            storage: s.storage,
            type: s.type,
            content: [...s.content].sort().join(','),
            active: 1,
            enabled: 1,
            shared: s.shared ? 1 : 0,
            total: s.total,
            used,
            avail: s.total - used,
            used_fraction: Number((used / s.total).toFixed(6)),
          }
        })
    },
  },
  {
    endpoint: 'GET /nodes/{node}/storage/{storage}/content',
    handler: (ctx) => {
      const storage = ctx.state.requireStorage(required(ctx.params, 'node'), required(ctx.params, 'storage'))
      const content = str(ctx.params, 'content')
      const vmid = int(ctx.params, 'vmid')
      const statics = ctx.state.volumes
        .filter((v) => v.node === storage.node && v.storage === storage.storage)
        .map((v) => {
          const item: Record<string, unknown> = {
            volid: v.volid,
            content: v.content,
            format: v.format,
            size: v.size,
            ctime: v.ctime,
          }
          if (v.vmid !== undefined) item.vmid = v.vmid
          return item
        })
      return [...statics, ...diskVolumes(ctx, storage)]
        .filter((item) => !content || item.content === content)
        .filter((item) => vmid === undefined || item.vmid === vmid)
        .sort((a, b) => String(a.volid).localeCompare(String(b.volid)))
    },
  },
]
