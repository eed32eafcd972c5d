import { z } from 'zod';

/**
 * A document response (bill or delivery): an array of objects. The fields of each line are checked later,
 * line by line, so that one odd line does not fail the whole document.
 */
export const documentLinesSchema = z.array(z.record(z.string(), z.unknown()));

/** One `Variant/GetIDByListCode` item. */
export const variantIdSchema = z.object({ ID: z.string(), ProductID: z.string(), Code: z.string() });

/** The `Variant/GetIDByListCode` response. */
export const variantIdsSchema = z.array(variantIdSchema);

/** A lifetime in seconds, sent as a JSON number or a numeric string. */
const lifetimeSchema = z.union([z.number(), z.string()]).optional().nullable();

/**
 * The `Token/Oauth2` response. The DealPOS reference does not document it, so three known shapes are accepted:
 * `access_token` with `expires_in` (OAuth2), `Token` with `Expires`, or a bare `token`.
 */
export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1).optional(),
    Token: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    expires_in: lifetimeSchema,
    Expires: lifetimeSchema,
  })
  .refine((value) => value.access_token ?? value.Token ?? value.token, {
    message: 'no token in the response',
  });

/** The JSON error body of DealPOS (ASP.NET Web API style) and of OAuth2 token endpoints. */
export const errorBodySchema = z.object({
  Message: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
