import { z } from 'zod';

/** The id of a wrap-up disposition (settings.wrapUp.dispositions), as stored on a contact. */
export const dispositionIdPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const DispositionId = z.string().regex(dispositionIdPattern, 'ids are lowercase letters, digits and dashes');
