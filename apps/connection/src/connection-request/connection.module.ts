import { Module } from '@nestjs/common';
import { LabelModule } from '../label/label.module.js';
import { ConnectionHandlers } from './connection.handlers.js';
import { ConnectionService } from './connection.service.js';

@Module({ imports: [LabelModule], providers: [ConnectionService, ConnectionHandlers] })
export class ConnectionModule {}
