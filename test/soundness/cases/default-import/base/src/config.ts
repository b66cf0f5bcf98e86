export default { retries: 3 };
