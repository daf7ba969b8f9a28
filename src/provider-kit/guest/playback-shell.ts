import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { parse } from 'shell-quote'
import * as tools from './playback-tools.js'
import type { PlaybackLine } from './playback-tools.js'

/** What a guest "has" in playback mode: kept across commands, so a second deployment differs from the first. */
export interface PlaybackWorld {
  home: string
  /** Commands on the PATH (`command -v` answers from this). */
  installed: Set<string>
  /** Files and directories known to exist. */
  paths: Set<string>
  /** Directories that hold a git checkout, with the URL they were cloned from. */
  checkouts: Map<string, string>
  /** Launcher scripts written so far, with the port found in them. */
  launchers: Map<string, number>
  /** The commit each checkout fetched (made up, the same for the same URL and ref). */
  commits: Map<string, string>
  /** The port of the launcher written last. */
  lastServicePort?: number
}

/** What a playback command did. */
export interface PlaybackResult {
  lines: PlaybackLine[]
  exitCode: number
  /** Ports an app was started on (a service start). */
  services: number[]
}

/** Programs a fresh Debian guest lacks until a recipe installs them. */
const MISSING_AT_FIRST = new Set([
  'node',
  'npm',
  'npx',
  'corepack',
  'php',
  'composer',
  'java',
  'javac',
  'mvn',
  'gradle',
  'pip3',
  'python3-venv',
])

/** Project files a checkout is taken to have when the toolchain they belong to is installed. */
const MANIFESTS: Record<string, string> = {
  'package.json': 'npm',
  'package-lock.json': 'npm',
  'requirements.txt': 'python3',
  'composer.json': 'composer',
  'pom.xml': 'mvn',
}

/** A new guest's world. */
export function freshPlaybackWorld(home: string): PlaybackWorld {
  return {
    home,
    installed: new Set(),
    paths: new Set([home, '/run/systemd/system', '/etc/systemd/system', '/tmp']),
    checkouts: new Map(),
    launchers: new Map(),
    commits: new Map(),
  }
}

/** A launcher script Hangar writes: `<name>.run.sh` (or `.hangar-run.sh`, as older Hangars named it). */
const LAUNCHER = /(?:^|\/)(?:\.hangar-run|[a-z0-9-]+\.run)\.sh$/

/** The port named in a command line: `PORT=`, `--port`, `-p`, `--bind host:port`, `host:port`. */
export function portIn(text: string): number | undefined {
  const match =
    /\bPORT=['"]?(\d{2,5})\b/.exec(text) ??
    /(?:--port|--server\.port)[= ](\d{2,5})\b/.exec(text) ??
    /(?:^|\s)-p\s+(\d{2,5})\b/.exec(text) ??
    /:(\d{2,5})\b/.exec(text)
  return match ? Number(match[1]) : undefined
}

type Token = string | { op: string }
interface Simple {
  kind: 'simple'
  words: string[]
  redirects: Array<{ fd: number; op: string; target: string }>
}
interface If {
  kind: 'if'
  condition: List
  then: List
  otherwise?: List
}
type Command = Simple | If
interface Pipeline {
  negate: boolean
  commands: Command[]
}
type List = Array<{ pipeline: Pipeline; next: string }>

class Exit {
  constructor(readonly code: number) {}
}

const KEYWORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done'])

function tokenize(command: string): Token[] {
  const raw = parse(command.replace(/\n/g, ' ; '), (name: string) => `$${name}`)
  const tokens: Token[] = []
  for (const entry of raw) {
    if (typeof entry === 'string') tokens.push(entry)
    else if ('op' in entry && entry.op === 'glob') tokens.push((entry as { pattern: string }).pattern)
    else if ('op' in entry && entry.op !== '(' && entry.op !== ')') tokens.push({ op: entry.op })
  }
  return tokens
}

/** A recursive-descent reader for the shell used in recipes: lists, `&&`/`||`, pipes, `!`, `if`. */
class Reader {
  private at = 0
  constructor(private readonly tokens: Token[]) {}

  list(stop: Set<string>): List {
    const list: List = []
    for (;;) {
      const token = this.tokens[this.at]
      if (token === undefined || (typeof token === 'string' && stop.has(token))) return list
      if (typeof token !== 'string' && (token.op === ';' || token.op === '&')) {
        this.at += 1
        continue
      }
      const start = this.at
      const pipeline = this.pipeline()
      if (this.at === start) {
        // A stray keyword or operator: skip it rather than loop.
        this.at += 1
        continue
      }
      const next = this.tokens[this.at]
      const connector =
        next !== undefined && typeof next !== 'string' && ['&&', '||', ';', '&'].includes(next.op) ? next.op : ';'
      if (connector !== ';' || (next !== undefined && typeof next !== 'string')) this.at += 1
      list.push({ pipeline, next: connector })
    }
  }

  private pipeline(): Pipeline {
    let negate = false
    if (this.tokens[this.at] === '!') {
      negate = true
      this.at += 1
    }
    const commands = [this.command()]
    while (this.isOp('|')) {
      this.at += 1
      commands.push(this.command())
    }
    return { negate, commands }
  }

  private command(): Command {
    if (this.tokens[this.at] === 'if') {
      this.at += 1
      const condition = this.list(new Set(['then']))
      this.at += 1
      const then = this.list(new Set(['else', 'elif', 'fi']))
      let otherwise: List | undefined
      const word = this.tokens[this.at]
      if (word === 'elif') {
        this.tokens[this.at] = 'if'
        otherwise = [{ pipeline: { negate: false, commands: [this.command()] }, next: ';' }]
        return { kind: 'if', condition, then, otherwise }
      }
      if (word === 'else') {
        this.at += 1
        otherwise = this.list(new Set(['fi']))
      }
      this.at += 1
      return { kind: 'if', condition, then, ...(otherwise ? { otherwise } : {}) }
    }
    const simple: Simple = { kind: 'simple', words: [], redirects: [] }
    for (;;) {
      const token = this.tokens[this.at]
      if (token === undefined) return simple
      if (typeof token === 'string') {
        if (simple.words.length === 0 && KEYWORDS.has(token)) return simple
        simple.words.push(token)
        this.at += 1
        continue
      }
      if (!['>', '>>', '<', '>&', '<&', '>|'].includes(token.op)) return simple
      const last = simple.words.at(-1)
      const fd = last !== undefined && /^\d$/.test(last) ? Number(simple.words.pop()) : token.op.startsWith('<') ? 0 : 1
      const target = this.tokens[this.at + 1]
      simple.redirects.push({ fd, op: token.op, target: typeof target === 'string' ? target : '' })
      this.at += 2
    }
  }

  private isOp(op: string): boolean {
    const token = this.tokens[this.at]
    return token !== undefined && typeof token !== 'string' && token.op === op
  }
}

/** Runs a command line against a {@link PlaybackWorld}: no process, just plausible output. */
export function playCommand(command: string, world: PlaybackWorld): PlaybackResult {
  const result: PlaybackResult = { lines: [], exitCode: 0, services: [] }
  const shell = new PlaybackShell(world, result)
  try {
    result.exitCode = shell.list(new Reader(tokenize(command)).list(new Set()))
  } catch (error) {
    if (!(error instanceof Exit)) throw error
    result.exitCode = error.code
  }
  return result
}

class PlaybackShell {
  private cwd: string

  constructor(
    private readonly world: PlaybackWorld,
    private readonly result: PlaybackResult,
  ) {
    this.cwd = world.home
  }

  list(list: List): number {
    let status = 0
    let previous = ';'
    for (const { pipeline, next } of list) {
      const skip = (previous === '&&' && status !== 0) || (previous === '||' && status === 0)
      if (!skip) status = this.pipeline(pipeline)
      previous = next
    }
    return status
  }

  private pipeline({ negate, commands }: Pipeline): number {
    const fetcher = commands.find(
      (c): c is Simple => c.kind === 'simple' && /^(?:curl|wget)$/.test(posix.basename(c.words[0] ?? '')),
    )
    const last = commands.at(-1)
    let status: number
    if (fetcher && last?.kind === 'simple' && /^(?:ba)?sh$/.test(posix.basename(last.words[0] ?? ''))) {
      this.result.lines.push(...tools.installScript(fetcher.words.find((w) => /^https?:/.test(w)) ?? ''))
      status = 0
    } else {
      status = 0
      commands.forEach((command, index) => {
        const before = this.result.lines.length
        status = this.command(command)
        // What a pipe's earlier commands print goes into the next one, not to the client.
        if (index < commands.length - 1)
          for (const line of this.result.lines.splice(before)) if (line.stream === 'err') this.result.lines.push(line)
      })
    }
    return negate ? (status === 0 ? 1 : 0) : status
  }

  private command(command: Command): number {
    if (command.kind === 'if') {
      if (this.list(command.condition) === 0) return this.list(command.then)
      return command.otherwise ? this.list(command.otherwise) : 0
    }
    const before = this.result.lines.length
    const status = this.simple(command)
    this.redirect(command, before)
    return status
  }

  /** Applies `>`, `2>&1`, `>/dev/null` to what the command printed, and records written files. */
  private redirect(command: Simple, before: number): void {
    const targets = new Map<number, string>()
    for (const { fd, op, target } of command.redirects) {
      if (op === '<' || op === '<&') continue
      if (op === '>&') targets.set(fd, targets.get(Number(target)) ?? `&${target}`)
      else {
        targets.set(fd, target)
        if (target !== '/dev/null') this.world.paths.add(this.resolve(target))
      }
    }
    if (targets.size === 0) return
    const lines = this.result.lines.splice(before)
    for (const line of lines) {
      const target = targets.get(line.stream === 'out' ? 1 : 2)
      if (target === undefined) this.result.lines.push(line)
      else if (target === '&1' || target === '&2')
        this.result.lines.push({ ...line, stream: target === '&1' ? 'out' : 'err' })
    }
  }

  private resolve(path: string): string {
    const expanded = path.replace(/^(?:~|\$HOME)(?=\/|$)/, this.world.home)
    return posix.resolve(this.cwd, expanded)
  }

  private exists(path: string, kind: 'd' | 'f' | 'e' | 'x'): boolean {
    const full = this.resolve(path)
    if (this.world.paths.has(full)) return true
    const inCheckout = [...this.world.checkouts.keys()].some((dir) => full.startsWith(`${dir}/`))
    if (!inCheckout || kind === 'x') return false
    if (kind === 'd') return full.endsWith('/.git')
    // A checkout holds the manifest of the toolchain the recipe installed for it, and not much else.
    const file = posix.basename(full)
    const toolchain = MANIFESTS[file]
    return toolchain !== undefined && this.has(toolchain)
  }

  private test(args: string[]): number {
    const words = args.at(-1) === ']' ? args.slice(0, -1) : args
    if (words[0] === '!') return this.test(words.slice(1)) === 0 ? 1 : 0
    const [flag, path] = words
    if (path !== undefined && /^-[dfex]$/.test(flag ?? ''))
      return this.exists(path, flag!.slice(1) as 'd' | 'f' | 'e' | 'x') ? 0 : 1
    return 0
  }

  private has(program: string): boolean {
    return this.world.installed.has(program) || !MISSING_AT_FIRST.has(program)
  }

  private startService(text: string, launcher?: string): void {
    const port =
      portIn(text) ??
      (launcher !== undefined ? this.world.launchers.get(this.resolve(launcher)) : undefined) ??
      this.world.lastServicePort ??
      3000
    if (!this.result.services.includes(port)) this.result.services.push(port)
  }

  private print(lines: PlaybackLine[]): number {
    this.result.lines.push(...lines)
    return 0
  }

  private simple({ words: raw, redirects }: Simple): number {
    const words = raw.map((w) => w.replace(/^(?:~|\$HOME)(?=\/|$)/, this.world.home))
    while (words[0] !== undefined && /^[A-Za-z_]\w*=/.test(words[0])) words.shift()
    const [program = '', ...args] = words
    const name = posix.basename(program)
    const text = words.join(' ')
    const written = redirects.find((r) => r.fd === 1 && (r.op === '>' || r.op === '>>'))?.target
    if (written !== undefined && LAUNCHER.test(written)) {
      const port = portIn(text)
      if (port !== undefined) {
        this.world.launchers.set(this.resolve(written), port)
        this.world.lastServicePort = port
      }
    }
    switch (name) {
      case '':
      case 'true':
      case ':':
        return 0
      case 'false':
        return 1
      case 'exit':
        throw new Exit(Number(args[0] ?? 0) || 0)
      case '[':
      case 'test':
        return this.test(args)
      case 'cd': {
        const target = this.resolve(args[0] ?? this.world.home)
        if (
          !this.world.paths.has(target) &&
          !this.exists(target, 'd') &&
          ![...this.world.checkouts.keys()].some((dir) => dir === target || target.startsWith(`${dir}/`))
        ) {
          return (
            this.print([
              { stream: 'err', text: `bash: line 1: cd: ${args[0] ?? ''}: No such file or directory`, delayMs: 5 },
            ]) + 1
          )
        }
        this.cwd = target
        return 0
      }
      case 'command':
      case 'which':
      case 'type': {
        const target = args.filter((a) => !a.startsWith('-'))[0] ?? ''
        return this.has(target) ? 0 : 1
      }
      case 'mkdir':
        for (const dir of args.filter((a) => !a.startsWith('-'))) this.world.paths.add(this.resolve(dir))
        return 0
      case 'echo': {
        // The one command substitution recipes echo: the commit a fetch checked out.
        const said = args
          .filter((a, i) => !(i === 0 && a === '-n'))
          .join(' ')
          .replace(
            /\$\(git -C (\S+) rev-parse HEAD\)/g,
            (_, dir: string) => this.world.commits.get(this.resolve(dir)) ?? '0'.repeat(40),
          )
        return this.print([{ stream: 'out', text: said, delayMs: 5 }])
      }
      case 'printf':
        return written ? 0 : this.print([{ stream: 'out', text: args.slice(1).join(' '), delayMs: 5 }])
      case 'pwd':
        return this.print([{ stream: 'out', text: this.cwd, delayMs: 5 }])
      case 'hostname':
        return this.print([{ stream: 'out', text: posix.basename(this.world.home), delayMs: 5 }])
      case 'apt-get':
      case 'apt': {
        if (args.includes('update')) return this.print(tools.aptUpdate())
        if (!args.includes('install')) return 0
        const packages = args.slice(args.indexOf('install') + 1).filter((a) => !a.startsWith('-'))
        for (const p of packages) for (const c of tools.commandsOfPackage(p)) this.world.installed.add(c)
        if (packages.includes('python3-pip')) this.world.installed.add('pip3')
        return this.print(tools.aptInstall(packages))
      }
      case 'git':
        return this.git(args)
      case 'npm':
        if (!this.has('npm'))
          return this.print([{ stream: 'err', text: 'bash: line 1: npm: command not found', delayMs: 5 }]) + 126
        if (args[0] === 'ci' || args[0] === 'install' || args[0] === 'i') {
          this.world.paths.add(this.resolve('node_modules'))
          return this.print(tools.npmInstall(this.cwd))
        }
        if (args[0] === 'start') {
          this.startService(text)
          return 0
        }
        if (args[0] === 'run') return this.print(tools.npmRun(args[1] ?? 'build', this.cwd))
        return 0
      case 'python3':
      case 'python':
        if (args[0] === '-m' && args[1] === 'venv') {
          if (args[2] === '--help') return this.has('python3-venv') ? 0 : 1
          this.world.paths.add(this.resolve(args[2] ?? '.venv'))
          return 0
        }
        if (args[0] === 'manage.py') return this.print(tools.django(args[1] ?? ''))
        if (args[0] === '-m' && args[1] === 'http.server') this.startService(text)
        return 0
      case 'pip':
      case 'pip3': {
        if (args[0] !== 'install') return 0
        const requirements = args.includes('-r')
        return this.print(tools.pipInstall(requirements ? [] : args.slice(1).filter((a) => !a.startsWith('-'))))
      }
      case 'composer':
        return args[0] === 'install' ? this.print(tools.composerInstall()) : 0
      case 'php':
        if (args[0] === 'artisan') return this.print(tools.artisan(args[1] ?? ''))
        if (args[0] === '-S') this.startService(text)
        return 0
      case 'mvn':
      case 'mvnw':
        return this.print(
          tools.maven(
            args.includes('-q'),
            args.filter((a) => !a.startsWith('-')),
          ),
        )
      case 'systemctl': {
        const unit = args.find((a) => a.endsWith('.service')) ?? ''
        if (args[0] === 'enable' && args.includes('--now')) {
          this.startService(text)
          return this.print(tools.systemctlEnable(unit))
        }
        if (args[0] === 'start' || args[0] === 'restart') this.startService(text)
        return 0
      }
      case 'nohup':
      case 'setsid':
        return this.simple({ kind: 'simple', words: args, redirects: [] })
      default:
        if (LAUNCHER.test(name)) this.startService(text, program)
        else if (/^(?:gunicorn|uvicorn|java|node)$/.test(name) && portIn(text) !== undefined) this.startService(text)
        return 0
    }
  }

  private git(args: string[]): number {
    let dir = this.cwd
    while (args[0] === '-C' || args[0] === '-c') {
      if (args[0] === '-C') dir = this.resolve(args[1] ?? '.')
      args = args.slice(2)
    }
    const [sub, ...rest] = args
    const positional: string[] = []
    for (let i = 0; i < rest.length; i += 1) {
      const arg = rest[i] ?? ''
      if (/^--(?:depth|branch|origin)$|^-[bo]$/.test(arg)) i += 1
      else if (!arg.startsWith('-')) positional.push(arg)
    }
    if (sub === 'clone') {
      const url = positional[0] ?? ''
      const target = positional[1] ?? posix.basename(url).replace(/\.git$/, '')
      const full = this.resolve(target)
      this.world.checkouts.set(full, url)
      this.world.paths.add(full).add(`${full}/.git`)
      return this.print(tools.gitClone(url, target))
    }
    if (sub === 'init') {
      this.world.paths.add(dir).add(`${dir}/.git`)
      return 0
    }
    if (sub === 'remote' && positional[0] === 'add') {
      this.world.checkouts.set(dir, positional[2] ?? '')
      return 0
    }
    if (sub === 'fetch') {
      const remote = this.world.checkouts.get(dir) ?? positional[0] ?? 'origin'
      const ref = positional[1] ?? 'main'
      this.world.commits.set(
        dir,
        /^[0-9a-f]{40}$/.test(ref) ? ref : createHash('sha1').update(`${remote}#${ref}`).digest('hex'),
      )
      return this.print(tools.gitFetch(remote, ref))
    }
    if (sub === 'reset') return this.print(tools.gitReset(dir))
    return 0
  }
}
