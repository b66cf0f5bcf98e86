export declare function label(name: string): string;
