import { codings, type Json } from '../fhir/access';

/**
 * What an adjudication or total amount is. Only `memberLiability`, the cost shares and Part D's patient pay ever
 * become "your part"; everything else is context or another party's money.
 */
export type Slot =
  | 'charged'
  | 'drugCost'
  | 'allowed'
  | 'planPaid'
  | 'paidToProvider'
  | 'paidToPatient'
  | 'priorPayer'
  | 'deductible'
  | 'copay'
  | 'coinsurance'
  | 'notCovered'
  | 'memberLiability'
  | 'paidByPatient'
  /** Part D `ptnt_pay_amt`: what the patient paid at the pharmacy, which is also their whole share of the fill. */
  | 'partDPatientPay'
  | 'discount'
  | 'ignored';

/**
 * CMS Blue Button variables, read before the CARIN or HL7 coding beside them: BFD codes the Part D gross drug cost as
 * C4BB "coinsurance", a Medicare payment as "submitted", and the reduced coinsurance (an alternative to the
 * wage-adjusted one, never an addition) as "coinsurance" too. Definitions: the BFD data dictionary.
 */
const blueButton: Record<string, Slot> = {
  line_sbmtd_chrg_amt: 'charged',
  rev_cntr_tot_chrg_amt: 'charged',
  clm_tot_chrg_amt: 'charged',
  tot_rx_cst_amt: 'drugCost',
  line_alowd_chrg_amt: 'allowed',
  line_nch_pmt_amt: 'planPaid',
  rev_cntr_pmt_amt_amt: 'planPaid',
  cvrd_d_plan_pd_amt: 'planPaid',
  ncvrd_plan_pd_amt: 'planPaid',
  clm_pmt_amt: 'planPaid',
  line_prvdr_pmt_amt: 'paidToProvider',
  rev_cntr_prvdr_pmt_amt: 'paidToProvider',
  line_bene_pmt_amt: 'paidToPatient',
  rev_cntr_bene_pmt_amt: 'paidToPatient',
  nch_clm_bene_pmt_amt: 'paidToPatient',
  clm_op_bene_pmt_amt: 'paidToPatient',
  line_bene_prmry_pyr_pd_amt: 'priorPayer',
  rev_cntr_1st_msp_pd_amt: 'priorPayer',
  rev_cntr_2nd_msp_pd_amt: 'priorPayer',
  nch_prmry_pyr_clm_pd_amt: 'priorPayer',
  prpayamt: 'priorPayer',
  // Extra Help (LICS), other true out-of-pocket payers and PLRO lowered the patient's share; none is "your other plan".
  othr_troop_amt: 'ignored',
  plro_amt: 'ignored',
  lics_amt: 'ignored',
  line_bene_ptb_ddctbl_amt: 'deductible',
  rev_cntr_cash_ddctbl_amt: 'deductible',
  rev_cntr_blood_ddctbl_amt: 'deductible',
  line_coinsrnc_amt: 'coinsurance',
  rev_cntr_coinsrnc_wge_adjstd_c: 'coinsurance',
  rev_cntr_rdcd_coinsrnc_amt: 'ignored',
  rev_cntr_ncvrd_chrg_amt: 'notCovered',
  nch_ip_ncvrd_chrg_amt: 'notCovered',
  rev_cntr_ptnt_rspnsblty_pmt: 'paidByPatient',
  ptnt_pay_amt: 'partDPatientPay',
  gdc_blw_oopt_amt: 'ignored',
  gdc_abv_oopt_amt: 'ignored',
  rptd_gap_dscnt_num: 'ignored',
  rev_cntr_rate_amt: 'ignored',
  line_dme_prchs_price_amt: 'ignored',
};

/** CARIN BB (C4BBAdjudication) and HL7 adjudication category codes. */
const carin: Record<string, Slot> = {
  submitted: 'charged',
  drugcost: 'drugCost',
  eligible: 'allowed',
  benefit: 'planPaid',
  paidtoprovider: 'paidToProvider',
  paidtopatient: 'paidToPatient',
  priorpayerpaid: 'priorPayer',
  deductible: 'deductible',
  copay: 'copay',
  coinsurance: 'coinsurance',
  noncovered: 'notCovered',
  memberliability: 'memberLiability',
  paidbypatient: 'paidByPatient',
  paidbypatientcash: 'paidByPatient',
  paidbypatientother: 'paidByPatient',
  paidbypatienthealthaccount: 'paidByPatient',
  discount: 'discount',
};

const variableName = (code: string | undefined): string | undefined => {
  if (!code) return undefined;
  const last = code.split('/').pop();
  return last && last in blueButton ? last : undefined;
};

/** The slot of one amount entry and, for a Blue Button variable, its name (two entries of one variable count once). */
export function slotOf(entry: Json): { slot: Slot; variable?: string } | undefined {
  const list = codings(entry.category);
  for (const c of list) {
    const v = variableName(c.code) ?? variableName(c.system);
    if (v) return { slot: blueButton[v]!, variable: v };
  }
  for (const c of list) {
    const code = c.code?.split('/').pop()?.toLowerCase();
    // A status code (C4BBPayerAdjudicationStatus "other") used as an amount's category is not an amount.
    if (c.system?.includes('PayerAdjudicationStatus')) continue;
    if (code && code in carin) return { slot: carin[code]! };
  }
  return undefined;
}

/** Blue Button header variables (benefitBalance.financial.type) that state the patient's Part A liability. */
export const partATotal = 'nch_ip_tot_ddctn_amt';
export const partAParts = ['nch_bene_ip_ddctbl_amt', 'nch_bene_pta_coinsrnc_lblty_am', 'nch_bene_pta_coinsrnc_lblty_amt', 'nch_bene_blood_ddctbl_lblty_am'];
