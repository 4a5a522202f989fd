// Messages for the admin feature (nb defines the keys; en and sv must have every key).
export const nb = {
} as const;

export type AdminKey = keyof typeof nb;

export const en: Record<AdminKey, string> = {
};

export const sv: Record<AdminKey, string> = {
};
