import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, EVENT_CATALOGUE, eventByType } from '@sons/contracts';
import { CONFIG, type BaseConfig } from '@sons/platform';
import { Access } from '../identity/access.decorator.js';
import { buildAsyncApiYaml } from './asyncapi.js';
import { dataschemaUrl, eventJsonSchema } from './event-schemas.js';

// The public description of the case events: the catalogue, one JSON Schema per event type (the `dataschema` of
// every event), and the AsyncAPI 3 document.
@ApiTags('events')
@Controller('events')
export class EventsController {
  private readonly asyncapi: string;

  constructor(@Inject(CONFIG) private readonly config: BaseConfig) {
    this.asyncapi = buildAsyncApiYaml();
  }

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'The event catalogue: every CloudEvents type, its NATS subject and its JSON Schema URL' })
  catalogue() {
    return {
      items: EVENT_CATALOGUE.map((e) => ({
        type: e.type,
        subject: e.subject,
        description: e.description,
        dataschema: dataschemaUrl(this.config.PUBLIC_BASE_URL, e),
      })),
    };
  }

  @Get('asyncapi.yaml')
  @Access('public')
  @ApiOperation({ summary: 'AsyncAPI 3 document of every subject, message and schema' })
  asyncApi(@Res() res: Response): void {
    res.type('application/yaml').send(this.asyncapi);
  }

  @Get('schemas/:file')
  @Access('public')
  @ApiOperation({ summary: "JSON Schema (2020-12) of one event type's whole CloudEvent: GET /api/events/schemas/<type>.json" })
  schema(@Param('file') file: string, @Res() res: Response): void {
    const type = file.replace(/\.json$/, '');
    const definition = file.endsWith('.json') ? eventByType(type) : undefined;
    if (!definition) {
      throw new DomainError(
        'EVENT_TYPE_NOT_FOUND',
        404,
        {
          fr: `Aucun type d’événement « ${type} ». La liste est sur /api/events.`,
          en: `No event type "${type}". The list is at /api/events.`,
        },
        { meta: { type } },
      );
    }
    res.type('application/schema+json').send(JSON.stringify(eventJsonSchema(definition, this.config.PUBLIC_BASE_URL), null, 2));
  }
}
