/** Whether a database error is a unique-key violation, on either engine (a serial number drawn twice: try again). */
export const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string } | null;
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};
