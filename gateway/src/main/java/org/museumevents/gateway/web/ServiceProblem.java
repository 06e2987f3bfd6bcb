package org.museumevents.gateway.web;

/** A service refused the request with a 4xx problem: the page explains it in plain words. */
public class ServiceProblem extends RuntimeException {

    private final Problem problem;

    public ServiceProblem(Problem problem) {
        super(problem.status() + " " + problem.reason());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public String reason() {
        return problem.reason();
    }
}
