// Messages for the appraisals feature (nb defines the keys; en and sv must have every key).
export const nb = {
} as const;

export type AppraisalsKey = keyof typeof nb;

export const en: Record<AppraisalsKey, string> = {
};

export const sv: Record<AppraisalsKey, string> = {
};
