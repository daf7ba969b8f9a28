import { recipeOf, runtimeStep, sh, type Framework, type RecipeStages } from './framework.js'

/** A virtual environment with the repository's requirements and `server`, the WSGI/ASGI server it runs under. */
const venv = (server: string): Pick<RecipeStages, 'runtime' | 'dependencies'> => ({
  runtime: runtimeStep('python3 -m venv --help', [
    'DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv python3-pip',
  ]),
  dependencies: [
    'python3 -m venv .venv',
    'if [ -f requirements.txt ]; then .venv/bin/pip install -r requirements.txt; fi',
    sh('.venv/bin/pip', 'install', server),
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
    recipe: recipeOf({
      ...venv('gunicorn'),
      build: [
        '.venv/bin/python manage.py migrate --noinput',
        '.venv/bin/python manage.py collectstatic --noinput || true',
      ],
      // The WSGI module is the project's: the directory holding wsgi.py, read from the repository.
      serve: (port) => `.venv/bin/gunicorn --bind 0.0.0.0:${port} "$(dirname "$(ls */wsgi.py | head -n 1)")".wsgi`,
    }),
  },
  {
    id: 'flask',
    name: 'Flask',
    version: '3.x',
    language: 'python',
    port: 5000,
    health: { path: '/', expect: 'success' },
    recipe: recipeOf({
      ...venv('gunicorn'),
      build: [],
      serve: (port) => `.venv/bin/gunicorn --bind 0.0.0.0:${port} app:app`,
    }),
  },
  {
    id: 'fastapi',
    name: 'FastAPI',
    version: '0.115',
    language: 'python',
    port: 8000,
    health: { path: '/docs', expect: 'success' },
    recipe: recipeOf({
      ...venv('uvicorn'),
      build: [],
      serve: (port) => `.venv/bin/uvicorn main:app --host 0.0.0.0 --port ${port}`,
    }),
  },
]
