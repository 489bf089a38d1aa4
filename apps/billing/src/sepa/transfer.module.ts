import { Module } from '@nestjs/common';
import { TransferHandlers } from './transfer.handlers.js';
import { TransferService } from './transfer.service.js';

@Module({ providers: [TransferService, TransferHandlers] })
export class TransferModule {}
