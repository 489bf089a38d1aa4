import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SERVICE_NAMES, healthCommand, type Health } from '@sons/contracts';
import { Bus, ServiceRuntime, checkHealth } from '@sons/platform';
import { Access } from '../identity/access.decorator.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
  ) {}

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Health of every service, of NATS and of each database' })
  async health(@Res() res: Response): Promise<void> {
    const gateway = await checkHealth('gateway', this.runtime.nc, this.runtime.orm);
    const services = await Promise.all(
      SERVICE_NAMES.map(async (service): Promise<Health> => {
        try {
          return await this.bus.request(healthCommand(service), {}, { timeoutMs: 2000 });
        } catch (error) {
          return {
            service,
            status: 'down',
            version: 'unknown',
            uptimeSeconds: 0,
            checks: { reachable: { status: 'down', detail: (error as Error).message } },
          };
        }
      }),
    );
    const all = [gateway, ...services];
    const status = all.every((h) => h.status === 'up') ? 'up' : 'degraded';
    res.status(status === 'up' ? 200 : 503).json({ status, services: Object.fromEntries(all.map((h) => [h.service, h])) });
  }
}
