import { Inject, Injectable } from '@nestjs/common';
import {
  getConnection,
  listConnections,
  recheckConnection,
  refuseConnection,
  requestConnectionPayment,
  startConnectionVerification,
  submitConnection,
  verifyConnection,
  type ParsedRequestOf,
} from '@sons/contracts';
import { OnCommand, type CommandContext } from '@sons/platform';
import { ConnectionService } from './connection.service.js';

@Injectable()
export class ConnectionHandlers {
  constructor(@Inject(ConnectionService) private readonly connections: ConnectionService) {}

  @OnCommand(submitConnection)
  submit(request: ParsedRequestOf<typeof submitConnection>, ctx: CommandContext) {
    return this.connections.submit(request, ctx.caller, ctx.correlationId);
  }

  @OnCommand(getConnection)
  get(request: ParsedRequestOf<typeof getConnection>, ctx: CommandContext) {
    return this.connections.get(request.connectionId, ctx.caller);
  }

  @OnCommand(listConnections)
  list(request: ParsedRequestOf<typeof listConnections>, ctx: CommandContext) {
    return this.connections.list(request, ctx.caller);
  }

  @OnCommand(startConnectionVerification)
  start(request: ParsedRequestOf<typeof startConnectionVerification>, ctx: CommandContext) {
    return this.connections.startVerification(request.connectionId, request.expectedVersion, ctx.caller, ctx.correlationId);
  }

  @OnCommand(recheckConnection)
  recheck(request: ParsedRequestOf<typeof recheckConnection>, ctx: CommandContext) {
    return this.connections.recheck(request.connectionId, request.expectedVersion, ctx.caller, ctx.correlationId);
  }

  @OnCommand(verifyConnection)
  verify(request: ParsedRequestOf<typeof verifyConnection>, ctx: CommandContext) {
    return this.connections.verify(request.connectionId, request.expectedVersion, request.note, ctx.caller, ctx.correlationId);
  }

  @OnCommand(refuseConnection)
  refuse(request: ParsedRequestOf<typeof refuseConnection>, ctx: CommandContext) {
    return this.connections.refuse(request.connectionId, request.expectedVersion, request.reason, ctx.caller, ctx.correlationId);
  }

  @OnCommand(requestConnectionPayment)
  requestPayment(request: ParsedRequestOf<typeof requestConnectionPayment>, ctx: CommandContext) {
    return this.connections.requestPayment(request.connectionId, request.expectedVersion, ctx.caller, ctx.correlationId);
  }
}
