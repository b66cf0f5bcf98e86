export const end = () => "";
