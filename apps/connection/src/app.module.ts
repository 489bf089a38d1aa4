import { Module } from '@nestjs/common';
import { CnsModule } from './cns/cns.module.js';
import { CnsSimulatorModule } from './cns-simulator/cns-simulator.module.js';
import { ConnectionModule } from './connection-request/connection.module.js';
import { LabelModule } from './label/label.module.js';

@Module({ imports: [CnsModule, CnsSimulatorModule, LabelModule, ConnectionModule] })
export class AppModule {}
