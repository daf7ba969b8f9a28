import { queueTimestamp } from './ids.js'

/** One snapshot of a simulated server; the tree is kept through `parentId`. */
export interface SimSnapshot {
  /** Numeric, unique across the account (the backend's `snapshotId`). */
  id: number
  name: string
  /** `YYYY-MM-DD HH:MM:SS` (UTC), as the queue writes dates. */
  date: string
  parentId: number | null
}

/** A snapshot as the backend's `GET /service/server/<id>/snapshots` nests it. */
export interface BackendSnapshot {
  id: number
  name: string
  date: string
  depth: number
  active: boolean
  child: BackendSnapshot[] | null
}

/**
 * The snapshots of one server, a tree as VMware keeps them: a new one is a child of the active
 * (current) one and becomes active; a revert makes its target active; a delete re-attaches the
 * deleted one's children to its parent.
 */
export class ServerSnapshots {
  private readonly byId = new Map<number, SimSnapshot>()
  activeId: number | null = null

  /** Every snapshot, oldest first. */
  all(): SimSnapshot[] {
    return [...this.byId.values()]
  }

  find(id: number): SimSnapshot | undefined {
    return this.byId.get(id)
  }

  /** Takes a snapshot as a child of the active one, and makes it active. */
  add(id: number, name: string, at = Date.now()): SimSnapshot {
    const snapshot: SimSnapshot = { id, name, date: queueTimestamp(at), parentId: this.activeId }
    this.byId.set(id, snapshot)
    this.activeId = id
    return snapshot
  }

  /** Makes `id` the active snapshot; false when there is none with that id. */
  revert(id: number): boolean {
    if (!this.byId.has(id)) return false
    this.activeId = id
    return true
  }

  /** Removes `id`, giving its children its parent; the parent becomes active if it was. */
  remove(id: number): boolean {
    const gone = this.byId.get(id)
    if (!gone) return false
    for (const snapshot of this.byId.values()) if (snapshot.parentId === id) snapshot.parentId = gone.parentId
    this.byId.delete(id)
    if (this.activeId === id) this.activeId = gone.parentId
    return true
  }

  /** The nested list the backend answers: roots first, each with its `child` list (depth from 1). */
  tree(): BackendSnapshot[] {
    const nest = (parentId: number | null, depth: number): BackendSnapshot[] =>
      this.all()
        .filter((snapshot) => snapshot.parentId === parentId)
        .map((snapshot) => ({
          id: snapshot.id,
          name: snapshot.name,
          date: snapshot.date,
          depth,
          active: snapshot.id === this.activeId,
          child: nest(snapshot.id, depth + 1),
        }))
    return nest(null, 1)
  }
}

/**
 * cloudcli-server's `recursiveFlattenField("child", ...)` (`ProxyServerHttpPostMethods.php`): each
 * node's descendants come before it (post-order) with `child` set to null; a node without
 * children keeps the empty list it had, since PHP's `Arr::get` of `[]` is falsy.
 */
export function flattenLikeTheProxy(nodes: BackendSnapshot[]): BackendSnapshot[] {
  const out: BackendSnapshot[] = []
  for (const node of nodes) {
    if (node.child && node.child.length > 0) {
      for (const descendant of flattenLikeTheProxy(node.child)) out.push({ ...descendant, child: null })
      out.push({ ...node, child: null })
    } else {
      out.push(node)
    }
  }
  return out
}
