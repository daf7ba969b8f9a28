/**
 * The Proxmox VE API endpoints the simulator serves, as `"<METHOD> <path template>"`.
 *
 * `scripts/extract-proxmox-schema.ts` reads this list to cut `api-schema.json` out of the full
 * PVE 8.3 schema dump, and the router refuses to register a route that is not listed here, so
 * the two cannot drift apart.
 */
export const SERVED_ENDPOINTS = [
  'POST /access/ticket',
  'GET /version',
  'GET /cluster/resources',
  'GET /cluster/nextid',
  'GET /nodes',
  'GET /nodes/{node}/status',
  'GET /nodes/{node}/tasks',
  'GET /nodes/{node}/tasks/{upid}/status',
  'GET /nodes/{node}/tasks/{upid}/log',
  'DELETE /nodes/{node}/tasks/{upid}',
  'GET /nodes/{node}/storage',
  'GET /nodes/{node}/storage/{storage}/content',
  'GET /nodes/{node}/qemu',
  'DELETE /nodes/{node}/qemu/{vmid}',
  'GET /nodes/{node}/qemu/{vmid}/status/current',
  'POST /nodes/{node}/qemu/{vmid}/status/start',
  'POST /nodes/{node}/qemu/{vmid}/status/stop',
  'POST /nodes/{node}/qemu/{vmid}/status/shutdown',
  'POST /nodes/{node}/qemu/{vmid}/status/reboot',
  'POST /nodes/{node}/qemu/{vmid}/status/reset',
  'POST /nodes/{node}/qemu/{vmid}/status/suspend',
  'POST /nodes/{node}/qemu/{vmid}/status/resume',
  'GET /nodes/{node}/qemu/{vmid}/config',
  'POST /nodes/{node}/qemu/{vmid}/config',
  'PUT /nodes/{node}/qemu/{vmid}/config',
  'POST /nodes/{node}/qemu/{vmid}/clone',
  'PUT /nodes/{node}/qemu/{vmid}/resize',
  'POST /nodes/{node}/qemu/{vmid}/agent/ping',
  'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
  'POST /nodes/{node}/qemu/{vmid}/agent/exec',
  'GET /nodes/{node}/qemu/{vmid}/agent/exec-status',
  'GET /nodes/{node}/lxc',
  'POST /nodes/{node}/lxc',
  'DELETE /nodes/{node}/lxc/{vmid}',
  'GET /nodes/{node}/lxc/{vmid}/status/current',
  'POST /nodes/{node}/lxc/{vmid}/status/start',
  'POST /nodes/{node}/lxc/{vmid}/status/stop',
  'POST /nodes/{node}/lxc/{vmid}/status/shutdown',
  'POST /nodes/{node}/lxc/{vmid}/status/reboot',
  'POST /nodes/{node}/lxc/{vmid}/status/suspend',
  'POST /nodes/{node}/lxc/{vmid}/status/resume',
  'GET /nodes/{node}/lxc/{vmid}/config',
  'PUT /nodes/{node}/lxc/{vmid}/config',
  'PUT /nodes/{node}/lxc/{vmid}/resize',
  'GET /nodes/{node}/lxc/{vmid}/interfaces',
] as const

/** One entry of {@link SERVED_ENDPOINTS}. */
export type ServedEndpoint = (typeof SERVED_ENDPOINTS)[number]
