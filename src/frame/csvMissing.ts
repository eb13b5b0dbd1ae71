/** pandas' isna for one object cell, as to_csv tests it (shared by both CSV writers). */
import { PyObject, type PyValue } from '../python/values.js';

/** pandas' isna for a single object cell (pd.NA and NaT are objects of the frame layer). */
export function isMissingCell(v: PyValue): boolean {
  if (v === null) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (v instanceof PyObject) return v.typeName === 'NAType' || v.typeName === 'NaTType';
  return false;
}
