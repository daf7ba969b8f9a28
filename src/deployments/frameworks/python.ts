import {
  fetchStep,
  inApp,
  runtimeStep,
  serviceStep,
  sh,
  type Framework,
  type RecipeContext,
  type RecipeStep,
} from './framework.js'

const pythonRuntime = runtimeStep('python3 -m venv --help', [
  'DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv python3-pip',
])

const pipDependencies = (context: RecipeContext, extra: string[]): RecipeStep => ({
  stage: 'dependencies',
  commands: [
    inApp(context, 'python3 -m venv .venv'),
    inApp(context, 'if [ -f requirements.txt ]; then .venv/bin/pip install -r requirements.txt; fi'),
    inApp(context, sh('.venv/bin/pip', 'install', ...extra)),
  ],
})

export const pythonFrameworks: Framework[] = [
  {
    id: 'django',
    name: 'Django',
    version: '5.x',
    language: 'python',
    port: 8000,
    health: { path: '/', expect: 'any' },
    recipe: (context) => [
      pythonRuntime,
      fetchStep(context),
      pipDependencies(context, ['gunicorn']),
      {
        stage: 'build',
        commands: [
          inApp(context, '.venv/bin/python manage.py migrate --noinput'),
          inApp(context, '.venv/bin/python manage.py collectstatic --noinput || true'),
        ],
      },
      // The WSGI module is the project's: the directory holding wsgi.py, read from the repository.
      serviceStep(
        context,
        `.venv/bin/gunicorn --bind 0.0.0.0:${context.port} "$(dirname "$(ls */wsgi.py | head -n 1)")".wsgi`,
      ),
    ],
  },
  {
    id: 'flask',
    name: 'Flask',
    version: '3.x',
    language: 'python',
    port: 5000,
    health: { path: '/', expect: 'success' },
    recipe: (context) => [
      pythonRuntime,
      fetchStep(context),
      pipDependencies(context, ['gunicorn']),
      { stage: 'build', commands: [] },
      serviceStep(context, `.venv/bin/gunicorn --bind 0.0.0.0:${context.port} app:app`),
    ],
  },
  {
    id: 'fastapi',
    name: 'FastAPI',
    version: '0.115',
    language: 'python',
    port: 8000,
    health: { path: '/docs', expect: 'success' },
    recipe: (context) => [
      pythonRuntime,
      fetchStep(context),
      pipDependencies(context, ['uvicorn']),
      { stage: 'build', commands: [] },
      serviceStep(context, `.venv/bin/uvicorn main:app --host 0.0.0.0 --port ${context.port}`),
    ],
  },
]
