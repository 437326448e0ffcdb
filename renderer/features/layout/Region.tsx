import type { ReactNode } from 'react';

/** A labelled landmark of the agent layout: screen readers list it, tests and users find it by name. */
export function Region(props: { label: string; className: string; children: ReactNode }) {
  const id = `region-${props.className}`;
  return (
    <section className={`region ${props.className}`} aria-labelledby={id}>
      <h2 id={id} className="region-title">
        {props.label}
      </h2>
      {props.children}
    </section>
  );
}
