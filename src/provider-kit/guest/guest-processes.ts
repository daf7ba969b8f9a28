import { readdirSync, readFileSync } from 'node:fs'

/** The environment variable that tags every process a guest ran, so they can all be found again. */
export const GUEST_MARKER_VARIABLE = 'HANGAR_SIMULATED_GUEST'

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone already (ESRCH), or not ours.
  }
}

/** Pids of this user's processes whose environment holds `GUEST_MARKER_VARIABLE=<marker>` (Linux `/proc`). */
function markedPids(marker: string): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const needle = Buffer.from(`${GUEST_MARKER_VARIABLE}=${marker}\0`)
  const pids: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry))
    } catch {
      // Exited meanwhile, or another user's process.
    }
  }
  return pids
}

/**
 * Kills what a guest started: the process groups of its execs (background jobs stay in them),
 * and on Linux every process still carrying the guest's marker (daemons that left the group).
 */
export function killGuestProcesses(groups: Iterable<number>, marker: string): void {
  for (const group of groups) signal(-group)
  for (const pid of markedPids(marker)) signal(pid)
}
