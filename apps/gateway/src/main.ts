import 'reflect-metadata';
import { ServiceRuntime, loadConfigOrExit } from '@sons/platform';
import { configSchema } from './config.js';
import { ENTITIES } from './entities.js';
import { createGateway } from './gateway.js';
import { MIGRATIONS } from './migrations/index.js';

const config = loadConfigOrExit(configSchema);
const runtime = await ServiceRuntime.create({ service: 'gateway', config, entities: ENTITIES, migrations: MIGRATIONS });
const app = await createGateway(runtime, config);
await app.listen(config.HTTP_PORT, config.HTTP_HOST);
runtime.log.info(`gateway listening on ${await app.getUrl()}`);
