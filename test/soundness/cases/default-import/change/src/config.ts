export default { retries: 5 };
