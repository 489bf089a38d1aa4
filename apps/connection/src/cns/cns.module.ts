import { Global, Module } from '@nestjs/common';
import { Bus, CONFIG } from '@sons/platform';
import type { ConnectionConfig } from '../config.js';
import { loadCnsTrust, simulatorKeyPaths, ensureSimulatorKeys, type CnsTrust } from './cns-keys.js';
import { BusCnsRegistry, CNS_REGISTRY } from './cns-registry.js';

export const CNS_TRUST = Symbol('CNS_TRUST');

@Global()
@Module({
  providers: [
    {
      provide: CNS_TRUST,
      inject: [CONFIG],
      useFactory: (config: ConnectionConfig): CnsTrust => {
        if (config.CNS_CERTIFICATE_FILE) return loadCnsTrust(config.CNS_CERTIFICATE_FILE);
        // Simulator mode without a configured certificate: trust the simulator's throwaway certificate.
        ensureSimulatorKeys(config.DATA_DIR);
        return loadCnsTrust(simulatorKeyPaths(config.DATA_DIR).certificate);
      },
    },
    {
      provide: CNS_REGISTRY,
      inject: [Bus, CONFIG],
      useFactory: (bus: Bus, config: ConnectionConfig) => new BusCnsRegistry(bus, config.CNS_TIMEOUT_MS),
    },
  ],
  exports: [CNS_TRUST, CNS_REGISTRY],
})
export class CnsModule {}
