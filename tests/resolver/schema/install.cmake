# Installs ajv into tests/resolver/schema/node_modules from the checked-in package-lock.json,
# once: a no-op when it is already there. Run as `cmake -DNPM=<npm> -DDIR=<dir> -P install.cmake`.
if(EXISTS "${DIR}/node_modules/ajv/package.json")
  return()
endif()
if(NOT NPM)
  message(FATAL_ERROR "npm not found: install Node.js 20 and npm (scripts/setup.sh does)")
endif()
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci in ${DIR} failed (${rc})")
endif()
