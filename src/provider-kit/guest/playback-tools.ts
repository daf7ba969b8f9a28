/** One line a playback command prints, `delayMs` after the previous one. */
export interface PlaybackLine {
  stream: 'out' | 'err'
  text: string
  delayMs: number
}

const out = (text: string, delayMs = 20): PlaybackLine => ({ stream: 'out', text, delayMs })
const err = (text: string, delayMs = 20): PlaybackLine => ({ stream: 'err', text, delayMs })

/** A small number that is the same for the same text, so a replayed deployment prints the same. */
function pick(text: string, min: number, max: number): number {
  let hash = 7
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return min + (hash % (max - min + 1))
}

const shortSha = (text: string): string => pick(text, 0x1000000, 0xfffffff).toString(16)

/** Commands a Debian package provides, for `command -v` after an install. */
export function commandsOfPackage(name: string): string[] {
  if (name === 'nodejs') return ['node', 'npm', 'npx', 'corepack']
  if (name === 'python3-pip') return ['pip3']
  if (name === 'python3-venv') return ['python3-venv']
  if (name === 'php-cli') return ['php']
  if (name.startsWith('openjdk-')) return ['java', 'javac']
  if (name === 'maven') return ['mvn']
  return [name]
}

const MIRROR = 'http://deb.debian.org/debian'

/** `apt-get update`. */
export function aptUpdate(): PlaybackLine[] {
  return [
    out(`Hit:1 ${MIRROR} bookworm InRelease`, 120),
    out(`Get:2 ${MIRROR} bookworm-updates InRelease [55.4 kB]`, 90),
    out('Get:3 http://security.debian.org/debian-security bookworm-security InRelease [48.0 kB]', 110),
    out('Get:4 http://security.debian.org/debian-security bookworm-security/main amd64 Packages [241 kB]', 160),
    out('Fetched 345 kB in 1s (412 kB/s)', 80),
    out('Reading package lists...', 150),
  ]
}

/** `apt-get install -y <packages>`. */
export function aptInstall(packages: string[]): PlaybackLine[] {
  const names = packages.length > 0 ? packages : ['ca-certificates']
  const lines = [
    out('Reading package lists...', 120),
    out('Building dependency tree...', 80),
    out('Reading state information...', 60),
    out('The following NEW packages will be installed:'),
    out(`  ${names.join(' ')}`),
    out(`0 upgraded, ${names.length} newly installed, 0 to remove and 0 not upgraded.`),
    out(`Need to get ${(pick(names.join(), 40, 900) / 10).toFixed(1)} MB of archives.`),
  ]
  for (const [i, name] of names.entries()) {
    const version = `${pick(name, 1, 20)}.${pick(name, 0, 9)}-1`
    lines.push(
      out(`Get:${i + 1} ${MIRROR} bookworm/main amd64 ${name} amd64 ${version} [${pick(name, 80, 9000)} kB]`, 90),
    )
  }
  names.forEach((name) => {
    lines.push(out(`Selecting previously unselected package ${name}.`, 30))
    lines.push(out(`Unpacking ${name} ...`, 60))
  })
  for (const name of names) lines.push(out(`Setting up ${name} ...`, 70))
  lines.push(out('Processing triggers for man-db (2.11.2-2) ...', 120))
  return lines
}

/** `curl -fsSL https://deb.nodesource.com/setup_20.x | bash -` and other install scripts. */
export function installScript(url: string): PlaybackLine[] {
  if (!url.includes('nodesource')) return [out(`Installing from ${url} ...`, 300), out('Done.', 200)]
  return [
    out('2025-01-10 09:14:02 - Installing pre-requisites', 150),
    ...aptUpdate(),
    out('2025-01-10 09:14:06 - Repository configured successfully.', 120),
    out('2025-01-10 09:14:06 - To install Node.js, run: apt-get install nodejs -y', 20),
  ]
}

/** `git clone <url> <dir>` (git talks on stderr). */
export function gitClone(url: string, dir: string): PlaybackLine[] {
  const objects = pick(url, 20, 400)
  return [
    err(`Cloning into '${dir}'...`, 80),
    err(`remote: Enumerating objects: ${objects}, done.`, 150),
    err(`remote: Counting objects: 100% (${objects}/${objects}), done.`, 60),
    err(`remote: Compressing objects: 100% (${Math.ceil(objects * 0.8)}/${Math.ceil(objects * 0.8)}), done.`, 80),
    err(
      `Receiving objects: 100% (${objects}/${objects}), ` +
        `${pick(url, 12, 900)}.${pick(dir, 10, 99)} KiB | 2.41 MiB/s, done.`,
      150,
    ),
    err(`Resolving deltas: 100% (${Math.floor(objects / 4)}/${Math.floor(objects / 4)}), done.`, 60),
  ]
}

/** `git fetch origin <branch>`. */
export function gitFetch(remote: string, branch: string): PlaybackLine[] {
  return [
    err(`From ${remote.replace(/\.git$/, '')}`, 200),
    err(` * branch            ${branch.padEnd(10)} -> FETCH_HEAD`, 30),
  ]
}

/** `git reset --hard <ref>`. */
export function gitReset(dir: string): PlaybackLine[] {
  return [out(`HEAD is now at ${shortSha(dir + Date.now())} Update from Hangar deployment`, 40)]
}

/** `npm ci` / `npm install`. */
export function npmInstall(dir: string): PlaybackLine[] {
  const added = pick(dir, 40, 400)
  return [
    out('', 900),
    out(`added ${added} packages, and audited ${added + 1} packages in ${pick(dir, 2, 9)}s`, 400),
    out(''),
    out(`${pick(dir, 3, 40)} packages are looking for funding`),
    out('  run `npm fund` for details'),
    out(''),
    out('found 0 vulnerabilities'),
  ]
}

/** `npm run <script>` / `npm start`. */
export function npmRun(script: string, dir: string): PlaybackLine[] {
  const name = dir.split('/').filter(Boolean).pop() ?? 'app'
  const build = script === 'build'
  return [
    out('', 100),
    out(`> ${name}@1.0.0 ${script}`),
    out(`> ${build ? 'node build.js' : `node ${script}.js`}`),
    out(''),
    out(build ? `build finished in ${(pick(dir, 4, 60) / 10).toFixed(1)}s` : 'done', 600),
  ]
}

/** `pip install ...` (a virtualenv's or the system's). */
export function pipInstall(packages: string[]): PlaybackLine[] {
  const names =
    packages.length > 0 ? packages : ['flask', 'Werkzeug', 'Jinja2', 'itsdangerous', 'click', 'blinker', 'MarkupSafe']
  const versioned = names.map((name) => `${name}-${pick(name, 1, 9)}.${pick(name, 0, 20)}.${pick(name, 0, 5)}`)
  return [
    ...names.flatMap((name, i) => [
      out(`Collecting ${name}`, 120),
      out(`  Downloading ${versioned[i]}-py3-none-any.whl (${pick(name, 20, 900)} kB)`, 80),
    ]),
    out(`Installing collected packages: ${names.join(', ')}`, 250),
    out(`Successfully installed ${versioned.join(' ')}`, 300),
  ]
}

/** `manage.py migrate` and `manage.py collectstatic`. */
export function django(subcommand: string): PlaybackLine[] {
  if (subcommand === 'collectstatic')
    return [out(`\n${pick(subcommand, 100, 180)} static files copied to '/srv/app/staticfiles'.`, 400)]
  if (subcommand !== 'migrate') return []
  const migrations = ['contenttypes.0001_initial', 'auth.0001_initial', 'admin.0001_initial', 'sessions.0001_initial']
  return [
    out('Operations to perform:', 200),
    out('  Apply all migrations: admin, auth, contenttypes, sessions'),
    out('Running migrations:'),
    ...migrations.map((name) => out(`  Applying ${name}... OK`, 90)),
  ]
}

/** `composer install`. */
export function composerInstall(): PlaybackLine[] {
  return [
    out('Installing dependencies from lock file', 200),
    out('Verifying lock file contents can be installed on current platform.'),
    out('Package operations: 74 installs, 0 updates, 0 removals', 100),
    out('  - Downloading symfony/console (v7.1.5)', 200),
    out('  - Installing symfony/console (v7.1.5): Extracting archive', 300),
    out('Generating optimized autoload files', 250),
    out('74 packages you are using are looking for funding.'),
  ]
}

/** `php artisan ...`. */
export function artisan(subcommand: string): PlaybackLine[] {
  if (subcommand === 'key:generate') return [out('   INFO  Application key set successfully.', 150)]
  if (subcommand === 'migrate')
    return [
      out('   INFO  Running migrations.', 200),
      out('  2014_10_12_000000_create_users_table ........ 12.41ms DONE', 120),
    ]
  return [out(`   INFO  ${subcommand} done.`, 150)]
}

/** `mvn -q ... package` and friends (quiet builds print little). */
export function maven(quiet: boolean, goals: string[]): PlaybackLine[] {
  if (quiet) return [out('', 1500)]
  return [
    out('[INFO] Scanning for projects...', 200),
    out(`[INFO] --- ${goals.join(' ')} ---`, 600),
    out('[INFO] BUILD SUCCESS', 900),
  ]
}

/** `systemctl enable --now <unit>`. */
export function systemctlEnable(unit: string): PlaybackLine[] {
  return [
    err(`Created symlink /etc/systemd/system/multi-user.target.wants/${unit} → /etc/systemd/system/${unit}.`, 150),
  ]
}
