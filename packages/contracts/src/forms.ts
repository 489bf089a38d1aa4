import { z } from 'zod';
import { defineEvent } from './registry.js';

// Form definitions as versioned data (issue 3). A version is a draft until an admin publishes it; publishing
// makes it the one current version of its form key and supersedes the previous one, which stays valid for the
// submissions pinned to it until an admin retires it.
// WARNING: persisted status strings — never rename one.
export const FORM_DEFINITION_STATUSES = ['draft', 'published', 'superseded', 'retired'] as const;
export type FormDefinitionStatus = (typeof FORM_DEFINITION_STATUSES)[number];

export const formDefinitionPublished = defineEvent(
  'sons.forms.definition.published',
  'An admin published a new version of a form definition; every process sees it in the sons_forms KV bucket',
  z.object({
    formKey: z.string().min(1).max(50),
    version: z.number().int().positive(),
    previousVersion: z.number().int().positive().nullable(),
    publishedBy: z.string().nullable(),
  }),
);

export const formDefinitionRetired = defineEvent(
  'sons.forms.definition.retired',
  'An admin retired a superseded form definition version: submissions pinned to it are refused with the version to use',
  z.object({
    formKey: z.string().min(1).max(50),
    version: z.number().int().positive(),
    useVersion: z.number().int().positive().nullable(),
    retiredBy: z.string().nullable(),
  }),
);

export const FORMS_EVENTS = [formDefinitionPublished, formDefinitionRetired] as const;
