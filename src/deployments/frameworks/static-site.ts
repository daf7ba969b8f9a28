import { fetchStep, inApp, runtimeStep, serviceStep, type Framework } from './framework.js'

export const staticFrameworks: Framework[] = [
  {
    id: 'static',
    name: 'Static site',
    version: 'HTML',
    language: 'static',
    port: 8080,
    health: { path: '/', expect: 'success' },
    recipe: (context) => [
      runtimeStep('command -v python3', ['DEBIAN_FRONTEND=noninteractive apt-get install -y python3']),
      fetchStep(context),
      { stage: 'dependencies', commands: [inApp(context, 'if [ -f package.json ]; then npm install; fi')] },
      { stage: 'build', commands: [inApp(context, 'if [ -f package.json ]; then npm run build --if-present; fi')] },
      // Serves the build output when there is one (dist/, build/, public/), else the repository.
      serviceStep(
        context,
        `sh -c 'for d in dist build public .; do [ -d "$d" ] && ` +
          `exec python3 -m http.server ${context.port} --bind 0.0.0.0 --directory "$d"; done'`,
      ),
    ],
  },
]
