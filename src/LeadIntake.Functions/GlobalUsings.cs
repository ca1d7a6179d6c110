global using Microsoft.Extensions.Options;
global using Microsoft.Azure.Functions.Worker;
