import { z } from 'zod';

export const MetaSchema = z.object({
  version: z.string(),
  hasDemoData: z.boolean().describe('The database holds the illustrative demo cluster'),
  demoPassword: z.string().nullable().describe('Password of the demo accounts, when demo data is loaded'),
  demoAccounts: z.array(z.object({ email: z.string(), note: z.string() })),
});
export type Meta = z.infer<typeof MetaSchema>;
