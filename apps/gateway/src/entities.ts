import { Session } from './identity/session.entity.js';
import { User } from './identity/user.entity.js';

export const ENTITIES = [User, Session];
