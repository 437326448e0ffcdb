/** The organisation's defaults for what imported data leaves unsaid. */
export interface Organisation {
  /** ISO 3166 country of phone numbers written without a country code. */
  country: string;
  /** IANA time zone of dateTimes written without an offset. */
  timeZone: string;
  /** Leave 555-0100…555-0199 numbers (reserved for fiction) out of the phone index. */
  ignoreFictionalNumbers?: boolean;
}

export const defaultOrganisation: Organisation = { country: 'US', timeZone: 'America/New_York', ignoreFictionalNumbers: false };
