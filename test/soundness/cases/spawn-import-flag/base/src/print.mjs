console.log(globalThis.greeting);
