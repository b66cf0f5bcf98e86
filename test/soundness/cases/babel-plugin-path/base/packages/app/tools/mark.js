exports.mark = "!";
