import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MILESTONE_LABELS, programmeSettingsSchema } from '@sons/contracts';
import { Programme } from '@sons/platform';
import { Access, OPERATORS } from '../identity/access.decorator.js';
import { parseBody } from '../identity/auth.controller.js';

@ApiTags('programme')
@Controller('programme')
export class ProgrammeController {
  constructor(@Inject(Programme) private readonly programme: Programme) {}

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Programme data: calendar milestones, tariff, eligible countries (public)' })
  get() {
    return { ...this.programme.settings(), now: this.programme.now().toISOString(), milestoneLabels: MILESTONE_LABELS };
  }

  @Put()
  @Access('aes', 'admin')
  @ApiOperation({ summary: 'Change programme data (AeS, admin); every service sees it within moments, no restart' })
  async update(@Body() body: unknown) {
    const revision = await this.programme.update(parseBody(programmeSettingsSchema, body));
    return { ...this.programme.settings(), revision };
  }

  @Get('history')
  @Access(...OPERATORS)
  @ApiOperation({ summary: 'Every revision of the programme data' })
  history() {
    return this.programme.history();
  }
}
