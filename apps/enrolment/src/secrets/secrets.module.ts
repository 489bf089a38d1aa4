import { Global, Module } from '@nestjs/common';
import { CONFIG, LOGGER, type Logger } from '@sons/platform';
import type { EnrolmentConfig } from '../config.js';
import { SecretBox } from './secret-box.js';
import { resolveSecretsKey } from './secrets-key.js';

@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [CONFIG, LOGGER],
      useFactory: (config: EnrolmentConfig, log: Logger) => new SecretBox(resolveSecretsKey(config, log)),
    },
  ],
  exports: [SecretBox],
})
export class SecretsModule {}
