import { useTranslation } from 'react-i18next';
import { displayUnit } from '../../../preload/contract';

const hidden = new Set(['resourceType', 'text', 'contained', 'meta']);

/** "Body temperature" from a key like "effectiveDateTime" → "Effective date time". */
function label(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isCoding(v: Record<string, unknown>): boolean {
  // A Quantity has code and system too; its value is what tells it apart.
  return v.value === undefined && typeof v.code === 'string' && (typeof v.system === 'string' || typeof v.display === 'string') && Object.keys(v).length <= 4;
}

function Value({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return <>{String(value)}</>;
  if (depth > 8) return <>…</>;
  if (Array.isArray(value)) {
    if (value.length === 1) return <Value value={value[0]} depth={depth + 1} />;
    return (
      <ol className="resource-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  const o = value as Record<string, unknown>;
  if (isCoding(o)) {
    const system = typeof o.system === 'string' ? o.system.replace(/^https?:\/\//, '') : '';
    return (
      <>
        {String(o.display ?? o.code)}{' '}
        <span className="coding">
          ({String(o.code)}
          {system ? `, ${system}` : ''})
        </span>
      </>
    );
  }
  if (typeof o.value === 'number' && (typeof o.unit === 'string' || typeof o.currency === 'string')) {
    // Units as people write them (mmHg, °C), as the row shows them; the UCUM code is in the record for who needs it.
    return <>{`${o.value} ${typeof o.unit === 'string' ? displayUnit(o.unit) : String(o.currency)}`.trim()}</>;
  }
  if (typeof o.reference === 'string' && Object.keys(o).length <= 2) {
    return <>{typeof o.display === 'string' ? `${o.display} (${o.reference})` : o.reference}</>;
  }
  return <Fields resource={o} depth={depth + 1} />;
}

function Fields({ resource, depth }: { resource: Record<string, unknown>; depth: number }) {
  // The resource's own narrative (text), type and contained copies are left out; a CodeableConcept's text is shown.
  const entries = Object.entries(resource).filter(([k]) => !(depth === 0 && hidden.has(k)) && k !== 'extension' && k !== 'modifierExtension');
  return (
    <dl className="resource-fields">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{label(k)}</dt>
          <dd>
            <Value value={v} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The source FHIR resource in readable form: labels instead of keys, codings as "display (code, system)". Never its HTML narrative. */
export function ResourceView({ resource }: { resource: Record<string, unknown> }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('timeline.sourceResource')}>
      <p className="resource-type">
        {String(resource.resourceType)} / {String(resource.id)}
      </p>
      <Fields resource={resource} depth={0} />
    </section>
  );
}
