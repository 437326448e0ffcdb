import type { BundleEntry, Meta, Resource } from '@medplum/fhirtypes';
import type { Directory } from './directory';
import { urn } from './fhir';
import { demoUuid } from './ids';
import type { Person } from './people';
import { Rng, hash3 } from './rng';
import { isoInstant } from './time';

export interface Head {
  id: string;
  meta: Meta;
}

/** Everything one patient's generation shares: the clinical random stream, ids, and the growing entry list. */
export class PatientContext {
  readonly entries: BundleEntry[] = [];
  readonly rng: Rng;
  readonly patientUrl: string;
  /** Deductible used so far, per calendar year, in cents. */
  readonly deductibleUsed = new Map<number, number>();
  /** Cost sharing (deductible, copays, coinsurance) paid toward the out-of-pocket maximum, per calendar year. */
  readonly outOfPocketUsed = new Map<number, number>();
  /** The second payer's own deductible used, per calendar year. */
  readonly secondaryDeductibleUsed = new Map<number, number>();
  coverageUrl = '';
  /** The second payer's Coverage, when the person has one. */
  secondaryCoverageUrl = '';
  /** The Coverage prescriptions are billed to (the Part D plan, or the primary plan). */
  drugCoverageUrl = '';
  private next = 1;

  constructor(
    readonly seed: number,
    readonly index: number,
    readonly dir: Directory,
    readonly person: Person,
  ) {
    this.rng = new Rng(hash3(seed, index, 2));
    this.patientUrl = urn(person.id);
  }

  /** A fresh id and meta for the next resource, last updated at `ms`. */
  head(ms: number): Head {
    return { id: demoUuid(this.seed, this.index, this.next++), meta: { versionId: '1', lastUpdated: isoInstant(ms) } };
  }

  /** Adds a resource as a POST entry and returns its fullUrl for references. */
  push(resource: Resource): string {
    const fullUrl = urn(resource.id as string);
    this.entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
    return fullUrl;
  }

  /** Resources other than the Patient itself. */
  get eventCount(): number {
    return this.entries.length - 1;
  }
}
