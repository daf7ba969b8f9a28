import { recipeOf, runtimeStep, type Framework } from './framework.js'

const nodeRuntime = runtimeStep('command -v node', [
  'curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
  'DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs',
])

const npmDependencies = 'if [ -f package-lock.json ]; then npm ci; else npm install; fi'

const production = { NODE_ENV: 'production' }

/** Plain Node.js: the repository's own `build` and `start` scripts. */
const nodejs: Framework = {
  id: 'nodejs',
  name: 'Node.js',
  version: '20 LTS',
  language: 'javascript',
  port: 3000,
  health: { path: '/', expect: 'success' },
  recipe: recipeOf({
    runtime: nodeRuntime,
    dependencies: [npmDependencies],
    build: ['npm run build --if-present'],
    serve: () => 'npm start',
    environment: production,
  }),
}

export const javascriptFrameworks: Framework[] = [
  nodejs,
  // An Express app is run like any Node.js app: its `start` script.
  { ...nodejs, id: 'express', name: 'Express', version: '4.x' },
  {
    ...nodejs,
    id: 'nextjs',
    name: 'Next.js',
    version: '14.x',
    recipe: recipeOf({
      runtime: nodeRuntime,
      dependencies: [npmDependencies],
      build: ['npm run build'],
      serve: (port) => `npx next start -H 0.0.0.0 -p ${port}`,
      environment: production,
    }),
  },
]
