import 'reflect-metadata';
import {
  Global,
  Inject,
  Injectable,
  Module,
  SetMetadata,
  type DynamicModule,
  type INestApplicationContext,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/sql';
import type { CommandDefinition } from '@sons/contracts';
import { Bus, type CommandHandler } from './bus.js';
import { SystemClock } from './clock.js';
import { EventRecorder } from './outbox.js';
import { ServiceRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';
import { Programme } from './programme.js';
import { FormDefinitions } from './form-definitions.js';

export const LOGGER = Symbol('LOGGER');
export const CONFIG = Symbol('CONFIG');
export const ATTACHMENTS = Symbol('ATTACHMENTS');
const COMMAND_METADATA = 'sons:command';

// Marks a handler method for a NATS command of the registry; the explorer subscribes it in the service's queue group.
export const OnCommand = (command: CommandDefinition): MethodDecorator => SetMetadata(COMMAND_METADATA, command);

@Injectable()
class CommandExplorer implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[name] as ((...args: unknown[]) => unknown) | undefined;
        if (typeof method !== 'function') continue;
        const command = Reflect.getMetadata(COMMAND_METADATA, method) as CommandDefinition | undefined;
        if (!command) continue;
        this.runtime.bus.handle(command, method.bind(instance) as CommandHandler<CommandDefinition>, this.runtime.queue);
      }
    }
    this.runtime.start();
    this.runtime.log.info('ready');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}

@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    const providers = [
      { provide: ServiceRuntime, useValue: runtime },
      { provide: Bus, useValue: runtime.bus },
      { provide: SystemClock, useValue: runtime.clock },
      { provide: EventRecorder, useValue: runtime.recorder },
      { provide: Programme, useValue: runtime.programme },
      { provide: FormDefinitions, useValue: runtime.forms },
      { provide: LOGGER, useValue: runtime.log },
      { provide: CONFIG, useValue: runtime.config },
      { provide: ATTACHMENTS, useFactory: () => runtime.attachments },
      ...(runtime.orm
        ? [
            { provide: MikroORM, useValue: runtime.orm },
            { provide: UnitOfWork, useValue: runtime.unitOfWork() },
          ]
        : []),
    ];
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      providers: [...providers, CommandExplorer],
      exports: providers.map((p) => p.provide),
    };
  }
}

@Module({})
class ServiceRootModule {}

export async function bootstrapService(runtime: ServiceRuntime, module: Type<unknown>): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    { module: ServiceRootModule, imports: [PlatformModule.forRuntime(runtime), module] },
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  await app.init();
  return app;
}
