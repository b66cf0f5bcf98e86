export const locale = "fr-FR";
