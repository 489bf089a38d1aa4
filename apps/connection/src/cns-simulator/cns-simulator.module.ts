import { Module } from '@nestjs/common';
import { CnsSimulator } from './cns-simulator.service.js';

// Started by the connection app when CNS_REGISTRY=simulator (the default outside production); inert otherwise.
@Module({ providers: [CnsSimulator] })
export class CnsSimulatorModule {}
