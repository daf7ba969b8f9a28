import { recipeOf, runtimeStep, type Framework } from './framework.js'

export const staticFrameworks: Framework[] = [
  {
    id: 'static',
    name: 'Static site',
    version: 'HTML',
    language: 'static',
    port: 8080,
    health: { path: '/', expect: 'success' },
    recipe: recipeOf({
      runtime: runtimeStep('command -v python3', ['DEBIAN_FRONTEND=noninteractive apt-get install -y python3']),
      dependencies: ['if [ -f package.json ]; then npm install; fi'],
      build: ['if [ -f package.json ]; then npm run build --if-present; fi'],
      // Serves the build output when there is one (dist/, build/, public/), else the repository.
      serve: (port) =>
        `sh -c 'for d in dist build public .; do [ -d "$d" ] && ` +
        `exec python3 -m http.server ${port} --bind 0.0.0.0 --directory "$d"; done'`,
    }),
  },
]
