import 'reflect-metadata';
import { ServiceRuntime, bootstrapService, loadConfigOrExit } from '@sons/platform';
import { AppModule } from './app.module.js';
import { configSchema } from './config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

const config = loadConfigOrExit(configSchema);
const runtime = await ServiceRuntime.create({ service: 'documents', config, entities: ENTITIES, migrations: MIGRATIONS });
await bootstrapService(runtime, AppModule);
