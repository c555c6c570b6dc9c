/* The physical floor of Tunnelform's manifest reading: parse the given YAML files with libyaml's
 * event API and do nothing else. Benchmarks/run compares every measured case against this.
 *
 *   cc -O2 -o floor Benchmarks/floor.c -lyaml && ./floor manifests/a.yaml manifests/b.yaml
 *
 * Prints the number of events so the compiler cannot drop the work; exits 1 on a parse error. */
#include <stdio.h>
#include <yaml.h>

static int parse_file(const char *path, unsigned long *events) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }
    yaml_parser_t parser;
    yaml_event_t event;
    int failed = 0, done = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "parse error");
            failed = 1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        (*events)++;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return failed;
}

int main(int argc, char **argv) {
    unsigned long events = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) failed |= parse_file(argv[i], &events);
    printf("%lu events\n", events);
    return failed;
}
